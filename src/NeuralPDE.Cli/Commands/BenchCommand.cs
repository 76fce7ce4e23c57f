using System.CommandLine;

namespace NeuralPDE.Cli.Commands;

/// <summary><c>neuralpde bench …</c>: performance benchmarks (<c>krylov</c>, <c>fno</c>, <c>wos</c>, <c>wos-vs-pinn</c>, <c>ns-generate</c>).</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Performance benchmarks of the numerical kernels.");
        command.Subcommands.Add(BenchKrylovCommand.Create());
        command.Subcommands.Add(BenchFnoCommand.Create());
        command.Subcommands.Add(BenchWosCommand.Create());
        command.Subcommands.Add(BenchWosVsPinnCommand.Create());
        command.Subcommands.Add(BenchNsGenerateCommand.Create());
        return command;
    }
}
