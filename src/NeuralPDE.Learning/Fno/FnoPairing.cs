namespace NeuralPDE.Learning.Fno;

/// <summary>How a dataset sample becomes an (input, target) pair.</summary>
public enum FnoPairing
{
    /// <summary>1-D time-dependent <c>tensor</c> [T, X]: the first snapshot to the last (Burgers: u(·, 0) ↦ u(·, 1)).</summary>
    FirstLast,

    /// <summary>2-D steady: coefficient <c>nu</c> [X, Y] to solution <c>tensor</c> [1, X, Y] (Darcy: a ↦ u).</summary>
    CoefficientSolution,

    /// <summary>2-D time-dependent <c>tensor</c> [T, X, Y]: snapshots [0, in) as channels to [in, in + out)
    /// (Navier–Stokes vorticity: the first 10 to the next ones).</summary>
    TimeWindow,
}

/// <summary>Parsing of <see cref="FnoPairing"/> names.</summary>
public static class FnoPairings
{
    public static readonly string[] Names = ["first-last", "coefficient-solution", "time-window"];

    public static FnoPairing Parse(string name) => name switch
    {
        "first-last" => FnoPairing.FirstLast,
        "coefficient-solution" => FnoPairing.CoefficientSolution,
        "time-window" => FnoPairing.TimeWindow,
        _ => throw new ArgumentException($"fno.data.pairing: expected one of {string.Join(", ", Names)}, got {name}"),
    };

    public static string Name(FnoPairing pairing) => Names[(int)pairing];
}
