#!/usr/bin/env bash
# Installs the Debian packages that some tests use to cross-check NeuralPDE against independent tools:
# python3-h5py reads our HDF5 files, python3-scipy times SciPy's Krylov solvers, python3-torch runs the PyTorch
# cross-checks (FNO forward parity, generator and training speed), chromium renders the
# benchmark report headless. Run by `dotnet test` before the tests start. Does nothing when they are
# present; needs root (as on the team's and CI's machines) to install.
set -u
have() {
  /usr/bin/python3 -c "import h5py, scipy, torch" >/dev/null 2>&1 && [ -x /usr/bin/chromium ]
}
if have; then
  exit 0
fi
PACKAGES="python3-h5py python3-scipy python3-torch chromium"
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "NeuralPDE: installing $PACKAGES for the cross-check tests (apt-get)..."
  (DEBIAN_FRONTEND=noninteractive apt-get install -y -q $PACKAGES >/dev/null 2>&1 \
    || (apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $PACKAGES >/dev/null 2>&1)) \
    && exit 0
  echo "NeuralPDE: warning: could not install $PACKAGES; the cross-check tests that need them will fail"
else
  echo "NeuralPDE: warning: some of $PACKAGES are missing and this is not root; install them (sudo apt-get install $PACKAGES) or the cross-check tests will fail"
fi
exit 0
