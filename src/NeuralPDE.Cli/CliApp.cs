using System.CommandLine;
using NeuralPDE.Cli.Commands;
using NeuralPDE.Cli.Output;

namespace NeuralPDE.Cli;

/// <summary>Builds and runs the <c>neuralpde</c> command line. Exit codes: 0 success, 1 failure, 2 bad input.</summary>
public static class CliApp
{
    public static RootCommand Build()
    {
        var root = new RootCommand("NeuralPDE: benchmark PDEs solved by neural methods and checked against classical solvers.");
        root.Subcommands.Add(ProblemsCommand.Create());
        root.Subcommands.Add(SolveCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(GenerateCommand.Create());
        root.Subcommands.Add(MergeCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(BenchmarkCommand.Create());
        return root;
    }

    public static int Run(string[] args)
    {
        ParseResult parse = Build().Parse(args);
        if (parse.Errors.Count > 0)
        {
            // One line, not a help page: name what was wrong and where to look.
            string command = string.Join(' ', parse.CommandResult.Command.Name == "neuralpde" || parse.CommandResult.Parent is null
                ? ["neuralpde"] : ["neuralpde", parse.CommandResult.Command.Name]);
            string reasons = string.Join(" ", parse.Errors.Select(e => Readable(e.Message)));
            Console.Error.WriteLine($"neuralpde: error: {reasons} (see {command} --help)");
            return 2;
        }
        return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }

    private static string Readable(string message) => message
        .Replace("'System.Nullable`1[System.Int32]'", "integer", StringComparison.Ordinal)
        .Replace("'System.Int32'", "integer", StringComparison.Ordinal)
        .Replace("'System.Double'", "number", StringComparison.Ordinal);

    /// <summary>Runs a command body, turning expected failures into one-line messages and exit codes.</summary>
    public static int Guard(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (ErrorReporter.IsUserError(e))
        {
            ErrorReporter.Report(e);
            return 2;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("neuralpde: interrupted");
            return 130;
        }
        catch (Exception e)
        {
            ErrorReporter.Report(e);
            return 1;
        }
    }
}
