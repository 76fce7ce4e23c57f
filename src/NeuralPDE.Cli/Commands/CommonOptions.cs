using System.CommandLine;

namespace NeuralPDE.Cli.Commands;

/// <summary>Options shared by several commands (DESIGN.md: --seed, --device, --json, --plot, --quiet).</summary>
public static class CommonOptions
{
    public static Option<string[]> Set() => new("--set")
    {
        Description = "Override a spec value: key=value (a bare key means parameters.key; e.g. --set nu=0.05 --set reference.resolution=128). Repeatable.",
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static Option<int> Seed() => new("--seed")
    {
        Description = "Random seed for random data (initial conditions, coefficients).",
        DefaultValueFactory = _ => 0,
    };

    public static Option<string> Device() => new("--device")
    {
        Description = "Compute device for tensor work: cpu or cuda.",
        DefaultValueFactory = _ => "cpu",
    };

    public static Option<string?> Json() => new("--json") { Description = "Write a machine-readable summary to this path." };

    public static Option<string?> Plot() => new("--plot") { Description = "Write an offline Plotly HTML figure to this path." };

    public static Option<bool> Quiet() => new("--quiet") { Description = "No progress output." };
}
