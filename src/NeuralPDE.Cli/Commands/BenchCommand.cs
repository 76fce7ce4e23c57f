using System.CommandLine;

namespace NeuralPDE.Cli.Commands;

/// <summary><c>neuralpde bench …</c>: performance benchmarks (currently <c>krylov</c>).</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Performance benchmarks of the numerical kernels.");
        command.Subcommands.Add(BenchKrylovCommand.Create());
        return command;
    }
}
