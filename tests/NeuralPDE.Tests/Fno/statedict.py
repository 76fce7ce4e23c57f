"""Reader and writer for the state-dict file format that TorchSharp's Module.save / Module.load use.

Layout (all integers unsigned LEB128): entry count; then per entry the UTF-8 name (length, bytes) and the tensor:
element type (TorchSharp ScalarType code: 6 float32, 7 float64, 4 int64, ...), rank, each dimension, and the raw
little-endian element bytes in row-major order. Written for NeuralPDE from that description; numpy + torch only.
"""
import io
import numpy as np
import torch

_CODES = {0: np.uint8, 1: np.int8, 2: np.int16, 3: np.int32, 4: np.int64, 5: np.float16, 6: np.float32,
          7: np.float64, 11: np.bool_}
_TORCH = {torch.uint8: 0, torch.int8: 1, torch.int16: 2, torch.int32: 3, torch.int64: 4, torch.float16: 5,
          torch.float32: 6, torch.float64: 7, torch.bool: 11}


def _read_uleb(stream):
    value, shift = 0, 0
    while True:
        byte = stream.read(1)
        if not byte:
            raise EOFError("state dict: truncated file")
        b = byte[0]
        value |= (b & 0x7F) << shift
        if b < 0x80:
            return value
        shift += 7


def _write_uleb(stream, value):
    if value < 0:
        raise ValueError("state dict: negative integer")
    while True:
        b = value & 0x7F
        value >>= 7
        if value:
            stream.write(bytes([b | 0x80]))
        else:
            stream.write(bytes([b]))
            return


def read(path):
    """Returns an ordered dict name -> torch.Tensor."""
    out = {}
    with open(path, "rb") as f:
        for _ in range(_read_uleb(f)):
            name = f.read(_read_uleb(f)).decode("utf-8")
            code = _read_uleb(f)
            if code not in _CODES:
                raise ValueError(f"state dict: {name}: unsupported element type {code}")
            shape = [_read_uleb(f) for _ in range(_read_uleb(f))]
            dtype = np.dtype(_CODES[code]).newbyteorder("<")
            count = int(np.prod(shape)) if shape else 1
            raw = f.read(count * dtype.itemsize)
            if len(raw) != count * dtype.itemsize:
                raise EOFError(f"state dict: {name}: truncated data")
            out[name] = torch.from_numpy(np.frombuffer(raw, dtype=dtype).reshape(shape).copy())
    return out


def write(path, tensors):
    """Writes name -> tensor (real dtypes only; complex tensors must be split with torch.view_as_real first)."""
    buffer = io.BytesIO()
    _write_uleb(buffer, len(tensors))
    for name, t in tensors.items():
        t = t.detach().cpu().contiguous()
        if t.dtype not in _TORCH:
            raise ValueError(f"state dict: {name}: unsupported dtype {t.dtype}")
        encoded = name.encode("utf-8")
        _write_uleb(buffer, len(encoded))
        buffer.write(encoded)
        _write_uleb(buffer, _TORCH[t.dtype])
        _write_uleb(buffer, t.dim())
        for s in t.shape:
            _write_uleb(buffer, s)
        buffer.write(t.numpy().astype(t.numpy().dtype.newbyteorder("<"), copy=False).tobytes())
    with open(path + ".partial", "wb") as f:
        f.write(buffer.getvalue())
    import os
    os.replace(path + ".partial", path)
