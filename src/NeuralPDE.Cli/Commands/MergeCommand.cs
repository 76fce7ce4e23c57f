using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using NeuralPDE.Cli.Output;
using NeuralPDE.Data.Generation;

namespace NeuralPDE.Cli.Commands;

/// <summary><c>neuralpde merge OUT.h5 SHARD...</c>: joins the shard files of one dataset (see <see cref="DatasetMerger"/>).</summary>
public static class MergeCommand
{
    public static Command Create()
    {
        var output = new Argument<string>("out") { Description = "The merged HDF5 file to write." };
        var shards = new Argument<string[]>("shards") { Description = "Shard files written by `neuralpde generate --shard i/n` (any order).", Arity = ArgumentArity.OneOrMore };
        var json = CommonOptions.Json();
        var quiet = CommonOptions.Quiet();
        var command = new Command("merge", "Join dataset shards into one file, checking that none is missing, overlapping or from another recipe.")
        {
            output, shards, json, quiet,
        };
        command.SetAction(parse => CliApp.Guard(() => Execute(parse.GetValue(output)!, parse.GetValue(shards) ?? [], parse.GetValue(json), parse.GetValue(quiet))));
        return command;
    }

    public static int Execute(string output, string[] shards, string? jsonPath, bool quiet)
    {
        var clock = Stopwatch.StartNew();
        string full = Path.GetFullPath(output);
        if (shards.Any(s => Path.GetFullPath(s) == full))
        {
            throw new IOException($"merge: the output {output} is also one of the shards");
        }
        int samples = DatasetMerger.Merge(output, shards);
        double wall = clock.Elapsed.TotalSeconds;
        if (!quiet)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"merged {shards.Length} shards, {samples} samples, into {output} ({wall:F2} s)"));
        }
        if (jsonPath is not null)
        {
            JsonSummary.Write(jsonPath, new JsonObject
            {
                ["problem"] = "merge",
                ["method"] = "merge",
                ["out"] = full,
                ["shards"] = shards.Length,
                ["samples"] = samples,
                ["wallSeconds"] = Math.Round(wall, 4),
                ["peakMemoryMB"] = JsonSummary.PeakMemoryMB(),
            });
        }
        return 0;
    }
}
