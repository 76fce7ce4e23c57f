using System.Reflection;
using System.Runtime.CompilerServices;
using NeuralPDE.Build.ScalarKeepAlive;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuralPDE.Tests.Torch;

/// <summary>The TorchSharp in the build output keeps a temporary <see cref="Scalar"/> alive after libtorch has read it
/// (build/ScalarKeepAlive): unpatched, the scalar below is collectable as soon as the call has taken its handle, and a
/// collection started by another thread during the call frees it under libtorch's feet.</summary>
public class ScalarLifetimeTests
{
    /// <summary>Adds a scalar that nothing but the call references, as <c>t + 2.5</c> does, and returns a weak
    /// reference to it. Not inlined, so no local of the caller keeps it.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference AddTemporaryScalar(Tensor t, double value)
    {
        Scalar s = value.ToScalar();
        using Tensor sum = t.add(s);
        Assert.Equal(1 + value, sum[0].item<double>());
        return new WeakReference(s);
    }

    private static void CollectEverything()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    [Fact]
    public void ATemporaryScalarSurvivesACollectionRightAfterTheCallThatReadIt()
    {
        using var scope = NewDisposeScope();
        Tensor t = ones(4, dtype: float64);
        WeakReference scalar = AddTemporaryScalar(t, 2.5);
        CollectEverything();
        Assert.True(scalar.IsAlive, "the scalar libtorch just read was collected: TorchSharp.dll in the output is not patched");
    }

    [Fact]
    public void ItIsReleasedOnceTheThreadHasReadAFullRingOfOtherScalars()
    {
        using var scope = NewDisposeScope();
        Tensor t = ones(4, dtype: float64);
        WeakReference first = AddTemporaryScalar(t, 2.5);
        WeakReference[] later = Enumerable.Range(0, ScalarKeepAlivePatcher.RingSize).Select(i => AddTemporaryScalar(t, i)).ToArray();
        CollectEverything();
        Assert.False(first.IsAlive, $"a scalar outlived {ScalarKeepAlivePatcher.RingSize} later handle reads: the ring leaks");
        Assert.True(later[^1].IsAlive);
    }

    [Fact]
    public void TheRingIsPerThread()
    {
        FieldInfo? ring = typeof(Scalar).GetField(ScalarKeepAlivePatcher.RingFieldName, BindingFlags.NonPublic | BindingFlags.Static);
        Assert.NotNull(ring);
        Assert.NotNull(ring.GetCustomAttribute<ThreadStaticAttribute>());
        Assert.Equal(typeof(Scalar[]), ring.FieldType);
    }
}
