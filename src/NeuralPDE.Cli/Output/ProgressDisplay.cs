using System.Diagnostics;
using NeuralPDE.Numerics.Solvers;
using Spectre.Console;

namespace NeuralPDE.Cli.Output;

/// <summary>
/// Shows progress of long work: a Spectre.Console progress bar on an interactive terminal, plain
/// periodic lines (every 10% or 5 s) when output is redirected, nothing with <c>--quiet</c>.
/// </summary>
public static class ProgressDisplay
{
    public static T Run<T>(string label, bool quiet, Func<IProgress<SolveProgress>, T> work)
    {
        if (quiet)
        {
            return work(new Progress<SolveProgress>(_ => { }));
        }
        if (!Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive)
        {
            T result = default!;
            AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(ctx =>
                {
                    ProgressTask task = ctx.AddTask(Markup.Escape(label), maxValue: 1.0);
                    result = work(new SynchronousProgress<SolveProgress>(p =>
                    {
                        task.Value = Math.Clamp(p.Fraction, 0, 1);
                        task.Description = Markup.Escape($"{label}: {p.Status}");
                    }));
                    task.Value = 1.0;
                });
            return result;
        }
        var clock = Stopwatch.StartNew();
        double lastFraction = -1;
        double lastSeconds = 0;
        Console.WriteLine($"{label}: started");
        T value = work(new SynchronousProgress<SolveProgress>(p =>
        {
            double now = clock.Elapsed.TotalSeconds;
            if (p.Fraction - lastFraction >= 0.1 || now - lastSeconds >= 5)
            {
                Console.WriteLine($"{label}: {100 * p.Fraction,5:F1}% {p.Status} ({now:F1} s)");
                lastFraction = p.Fraction;
                lastSeconds = now;
            }
        }));
        Console.WriteLine($"{label}: done in {clock.Elapsed.TotalSeconds:F1} s");
        return value;
    }
}
