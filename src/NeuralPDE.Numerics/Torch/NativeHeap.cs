using System.Runtime.InteropServices;

namespace NeuralPDE.Numerics.Torch;

/// <summary>
/// glibc heap tuning for libtorch's allocation pattern. A spectral step allocates and frees a few megabyte-sized
/// tensors; with glibc's dynamic thresholds the freed top of the heap is trimmed (or the blocks are mmap'ed) and the
/// next step page-faults the same memory back in: a quarter of a 64² Navier–Stokes run's CPU time went to the kernel
/// (page faults, page clearing). <see cref="KeepFreedMemory"/> fixes the thresholds so freed blocks stay in the heap
/// for reuse (the working set stays that of one step). No-op off Linux/glibc.
/// </summary>
public static partial class NativeHeap
{
    private const int TrimThreshold = -1;  // M_TRIM_THRESHOLD
    private const int MmapThreshold = -3;  // M_MMAP_THRESHOLD

    /// <summary>Blocks below 32 MiB come from the heap, and up to 256 MiB of freed top-of-heap stays mapped.</summary>
    public static bool KeepFreedMemory()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }
        try
        {
            return mallopt(MmapThreshold, 32 << 20) == 1 && mallopt(TrimThreshold, 256 << 20) == 1;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int mallopt(int parameter, int value);
}
