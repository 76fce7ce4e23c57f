using NeuralPDE.Numerics.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuralPDE.Tests.Torch;

public class HeldScalarsTests
{
    [Fact]
    public void HoldsEachValueUntilDisposedAndWorksInInPlaceOperations()
    {
        using var scope = NewDisposeScope();
        var x = ones(3, dtype: float64);
        using (var s = new HeldScalars(0.25, -2.0, 1.0))
        {
            Assert.Equal(0.25, s[0].ToDouble());
            Assert.Equal(-2.0, s[1].ToDouble());
            x.mul_(s[0]).add_(s[1], s[2]);
        }
        Assert.All(x.data<double>().ToArray(), v => Assert.Equal(-1.75, v));
    }
}
