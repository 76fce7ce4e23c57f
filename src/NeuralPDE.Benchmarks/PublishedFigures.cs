namespace NeuralPDE.Benchmarks;

/// <summary>The published numbers the report sets beside ours. Each is a figure from the cited paper, not a rerun.</summary>
public static class PublishedFigures
{
    public static IReadOnlyList<PublishedFigure> All { get; } =
    [
        new("burgers-1d", "pinn", "relative L2", "6.7e-4", "Raissi, Perdikaris & Karniadakis 2019 (J. Comput. Phys. 378), 9-layer tanh network, 20 neurons per layer, L-BFGS, N_f = 10,000"),
        new("burgers-1d-periodic", "fno", "relative L2 (s = 256, nu = 0.1)", "0.0149", "Li et al. 2021, Fourier Neural Operator (ICLR), Table 1"),
        new("darcy-2d", "fno", "relative L2 (s = 85)", "0.0108", "Li et al. 2021, Fourier Neural Operator (ICLR), Table 2"),
        new("ns-vorticity-2d", "fno", "relative L2 (FNO-2D, nu = 1e-3, T = 50)", "0.0128", "Li et al. 2021, Fourier Neural Operator (ICLR), Table 3"),
        new("poisson-star", "wos", "L2 error ratio PINN / WoS-supervised", "up to 8.75x", "WoS-NO 2025 (walk-on-spheres neural operator)"),
        new("poisson-star", "wos", "training-time ratio", "6.31x faster", "WoS-NO 2025"),
        new("poisson-star", "wos", "GPU memory ratio", "2.97x less", "WoS-NO 2025"),
        new("darcy-2d", "classical", "sorted Krylov recycling speedup over GMRES", "2.7-4.5x (n = 6400)", "Wang et al. 2024, Sorting Krylov Recycling (ICLR)"),
        new("ns-cavity", "classical", "centreline velocities at Re = 100", "tabulated", "Ghia, Ghia & Shin 1982 (J. Comput. Phys. 48)"),
    ];

    /// <summary>The figures for a problem (all methods).</summary>
    public static IEnumerable<PublishedFigure> For(string problem) => All.Where(f => f.Problem == problem);
}
