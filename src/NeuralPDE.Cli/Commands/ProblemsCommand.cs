using System.CommandLine;
using NeuralPDE.Core.Specs;
using NeuralPDE.Numerics.Solvers;

namespace NeuralPDE.Cli.Commands;

/// <summary><c>neuralpde problems</c>: the catalogue with one-line descriptions.</summary>
public static class ProblemsCommand
{
    public static Command Create()
    {
        var command = new Command("problems", "List the problem specs in problems/ with one-line descriptions.");
        command.SetAction(_ => CliApp.Guard(() =>
        {
            var catalog = ProblemCatalog.Problems();
            var specs = catalog.All();
            int width = specs.Max(s => s.Name.Length);
            foreach (ProblemSpec spec in specs)
            {
                string solver = ReferenceSolvers.Has(spec) ? "" : "  [no reference solver yet]";
                Console.WriteLine($"{spec.Name.PadRight(width)}  {spec.Family}/{(spec.Variant.Length > 0 ? spec.Variant : "-")}  {spec.Description}{solver}");
            }
            Console.WriteLine($"({specs.Count} problems in {catalog.Directory})");
            return 0;
        }));
        return command;
    }
}
