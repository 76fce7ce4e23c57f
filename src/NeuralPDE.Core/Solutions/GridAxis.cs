namespace NeuralPDE.Core.Solutions;

/// <summary>A named coordinate axis of a solution grid (e.g. <c>t</c>, <c>x</c>, <c>y</c>).</summary>
public sealed record GridAxis(string Name, double[] Values)
{
    public int Length => Values.Length;

    /// <summary>n equispaced points from a to b inclusive.</summary>
    public static GridAxis Uniform(string name, double a, double b, int n)
    {
        var v = new double[n];
        for (int i = 0; i < n; i++)
        {
            v[i] = n == 1 ? a : a + (b - a) * i / (n - 1);
        }
        return new GridAxis(name, v);
    }

    /// <summary>n periodic points a + (b-a) i / n, i = 0..n-1 (the right end excluded).</summary>
    public static GridAxis Periodic(string name, double a, double b, int n)
    {
        var v = new double[n];
        for (int i = 0; i < n; i++)
        {
            v[i] = a + (b - a) * i / n;
        }
        return new GridAxis(name, v);
    }
}
