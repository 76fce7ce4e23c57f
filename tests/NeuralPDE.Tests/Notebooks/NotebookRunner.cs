using System.Text;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace NeuralPDE.Tests.Notebooks;

/// <summary>
/// Executes the C# cells of a Polyglot (.NET Interactive) notebook in order with Roslyn scripting,
/// against the assemblies the tests were built with. <c>#r</c> and <c>#!</c> magic lines are skipped
/// (the project's assemblies are referenced already); non-C# cells (markdown, other kernels) are ignored.
/// </summary>
public static class NotebookRunner
{
    /// <summary>Globals visible to notebook cells: <c>display(x)</c> as in Polyglot.</summary>
    public sealed class Globals
    {
        public StringBuilder Output { get; } = new();

        public object? display(object? value)
        {
            Output.AppendLine(value?.ToString() ?? "null");
            return value;
        }
    }

    public sealed record Result(int CellsRun, string Output);

    public static IReadOnlyList<string> CSharpCells(string notebookPath)
    {
        JsonNode root = JsonNode.Parse(File.ReadAllText(notebookPath)) ?? throw new InvalidDataException($"{notebookPath}: empty notebook");
        string defaultKernel = root["metadata"]?["polyglot_notebook"]?["defaultKernelName"]?.GetValue<string>() ?? "csharp";
        var cells = new List<string>();
        foreach (JsonNode? cell in root["cells"]?.AsArray() ?? [])
        {
            if (cell?["cell_type"]?.GetValue<string>() != "code")
            {
                continue;
            }
            string kernel = cell["metadata"]?["polyglot_notebook"]?["kernelName"]?.GetValue<string>()
                ?? cell["metadata"]?["dotnet_interactive"]?["language"]?.GetValue<string>()
                ?? defaultKernel;
            if (kernel != "csharp")
            {
                continue;
            }
            JsonNode? source = cell["source"];
            string text = source is JsonArray lines ? string.Concat(lines.Select(l => l?.GetValue<string>())) : source?.GetValue<string>() ?? "";
            cells.Add(text);
        }
        return cells;
    }

    public static async Task<Result> RunAsync(string notebookPath)
    {
        IReadOnlyList<string> cells = CSharpCells(notebookPath);
        var assemblies = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => !a.IsDynamic && !string.IsNullOrEmpty(a.Location))
            .ToList();
        foreach (var name in new[] { "NeuralPDE.Core", "NeuralPDE.Numerics", "NeuralPDE.Data", "NeuralPDE.Plots", "NeuralPDE.Learning", "NeuralPDE.Benchmarks", "TorchSharp", "Plotly.NET", "Plotly.NET.CSharp", "FSharp.Core" })
        {
            if (!assemblies.Any(a => a.GetName().Name == name))
            {
                assemblies.Add(System.Reflection.Assembly.Load(name));
            }
        }
        ScriptOptions options = ScriptOptions.Default
            .WithReferences(assemblies.DistinctBy(a => a.GetName().Name))
            .WithImports("System", "System.IO", "System.Linq", "System.Collections.Generic")
            .WithAllowUnsafe(false);
        var globals = new Globals();
        ScriptState<object>? state = null;
        int index = 0;
        foreach (string cell in cells)
        {
            index++;
            string code = string.Join('\n', cell.Split('\n').Where(l => !l.TrimStart().StartsWith("#r ", StringComparison.Ordinal) && !l.TrimStart().StartsWith("#!", StringComparison.Ordinal)));
            try
            {
                state = state is null
                    ? await CSharpScript.RunAsync(code, options, globals, typeof(Globals))
                    : await state.ContinueWithAsync(code, options);
            }
            catch (CompilationErrorException e)
            {
                throw new InvalidOperationException($"{Path.GetFileName(notebookPath)} cell {index}: does not compile: {string.Join("; ", e.Diagnostics)}", e);
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"{Path.GetFileName(notebookPath)} cell {index}: threw {e.GetType().Name}: {e.Message}", e);
            }
            if (state.ReturnValue is not null)
            {
                globals.Output.AppendLine(state.ReturnValue.ToString());
            }
        }
        return new Result(cells.Count, globals.Output.ToString());
    }
}
