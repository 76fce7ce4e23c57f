using NeuralPDE.Numerics.Linear;

namespace NeuralPDE.Tests.Krylov;

/// <summary>Every preconditioner's Multiply is M itself: Apply undoes it, and ILU(0)'s L U reproduces A on A's pattern.</summary>
public class PreconditionerMultiplyTests
{
    public static TheoryData<string> Names() => ["jacobi", "ilu0", "ssor", "ssor-1.4"];

    private static IPreconditioner Create(string name, CsrMatrix a) => name switch
    {
        "jacobi" => new JacobiPreconditioner(a),
        "ilu0" => new Ilu0Preconditioner(a),
        "ssor" => new SsorPreconditioner(a),
        _ => new SsorPreconditioner(a, 1.4),
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void ApplyUndoesMultiply(string name)
    {
        CsrMatrix a = KrylovTestSystems.Diffusion(9, convection: 4);
        IPreconditioner m = Create(name, a);
        double[] x = KrylovTestSystems.RandomVector(a.Size, 17);
        var y = new double[a.Size];
        var back = new double[a.Size];
        m.Multiply(x, y);
        m.Apply(y, back);
        double err = x.Zip(back, (p, q) => Math.Abs(p - q)).Max();
        Assert.True(err < 1e-11, $"{name}: |M⁻¹ M x − x| = {err:E2}");
        Assert.True(y.Zip(x, (p, q) => Math.Abs(p - q)).Max() > 1, $"{name}: M x should not be x");
    }

    [Fact]
    public void Ilu0ProductMatchesTheMatrixOnItsPattern()
    {
        CsrMatrix a = KrylovTestSystems.Diffusion(7, convection: 6);
        var m = new Ilu0Preconditioner(a);
        int n = a.Size;
        var e = new double[n];
        var column = new double[n];
        double worst = 0, fill = 0;
        for (int j = 0; j < n; j++)
        {
            Array.Clear(e);
            e[j] = 1;
            m.Multiply(e, column);
            for (int i = 0; i < n; i++)
            {
                if (a[i, j] != 0)
                {
                    worst = Math.Max(worst, Math.Abs(column[i] - a[i, j]) / Math.Abs(a[i, j]));
                }
                else
                {
                    fill = Math.Max(fill, Math.Abs(column[i]));
                }
            }
        }
        Assert.True(worst < 1e-12, $"(L U)ij differs from aij by {worst:E2} (relative) on A's pattern");
        Assert.True(fill > 1e-3, "ILU(0) of a 5-point matrix has fill outside A's pattern; L U should not equal A");
    }
}
