#!/usr/bin/env bash
# Installs the Debian packages that some tests use to cross-check NeuralPDE against independent
# libraries (h5py reads our HDF5 files; SciPy; PyTorch runs the FNO cross-checks). Run by `dotnet test` before the tests start.
# Does nothing when they are present; needs root (as on the team's and CI's machines) to install.
set -u
if /usr/bin/python3 -c "import h5py, scipy, torch" >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "NeuralPDE: installing python3-h5py and python3-scipy for the cross-check tests (apt-get)..."
  (apt-get install -y -q python3-h5py python3-scipy python3-torch >/dev/null 2>&1 \
    || (apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-h5py python3-scipy python3-torch >/dev/null 2>&1)) \
    && exit 0
  echo "NeuralPDE: warning: could not install python3-h5py/python3-scipy/python3-torch; the h5py cross-check tests will fail"
else
  echo "NeuralPDE: warning: python3-h5py/python3-scipy/python3-torch missing and not root; install them (sudo apt-get install python3-h5py python3-scipy python3-torch) or the h5py cross-check tests will fail"
fi
exit 0
