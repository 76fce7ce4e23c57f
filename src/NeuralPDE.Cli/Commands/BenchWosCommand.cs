using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using NeuralPDE.Cli.Output;
using NeuralPDE.Core.Families.Poisson;
using NeuralPDE.Core.Geometry;
using NeuralPDE.Core.Specs;
using NeuralPDE.Numerics.WalkOnSpheres;

namespace NeuralPDE.Cli.Commands;

/// <summary>
/// <c>neuralpde bench wos</c>: walk-on-spheres throughput (walks/s, steps per walk) on the poisson-star problem's source
/// and boundary data, over a list of shell widths ε and thread counts. Points are a fixed random set inside the domain;
/// a short warm-up (JIT) precedes the timed runs, each of which is the best of <c>--repeat</c>.
/// </summary>
public static class BenchWosCommand
{
    public static Command Create()
    {
        var domain = new Option<string>("--domain") { Description = "star (the poisson-star domain), disk, lshape or polygon; source and boundary data from poisson-star.", DefaultValueFactory = _ => "star" };
        var points = new Option<int>("--points") { Description = "Interior points (random, fixed seed).", DefaultValueFactory = _ => 256 };
        var walks = new Option<int>("--walks") { Description = "Walks per point.", DefaultValueFactory = _ => 64 };
        var eps = new Option<string>("--epsilons") { Description = "Comma list of shell widths ε (absolute).", DefaultValueFactory = _ => "1e-2,1e-3,1e-4,1e-5" };
        var threads = new Option<string>("--threads") { Description = "Comma list of thread counts.", DefaultValueFactory = _ => "1,2" };
        var repeat = new Option<int>("--repeat") { Description = "Keep the fastest of this many runs per cell.", DefaultValueFactory = _ => 2 };
        var seed = CommonOptions.Seed();
        var json = CommonOptions.Json();
        var command = new Command("wos", "Walk-on-spheres throughput: walks/s against the shell width ε and the number of threads.")
        {
            domain, points, walks, eps, threads, repeat, seed, json,
        };
        command.SetAction(parse => CliApp.Guard(() => Execute(new Settings(parse.GetValue(domain)!, parse.GetValue(points), parse.GetValue(walks),
            parse.GetValue(eps)!, parse.GetValue(threads)!, parse.GetValue(repeat), parse.GetValue(seed), parse.GetValue(json)))));
        return command;
    }

    public sealed record Settings(string Domain, int Points, int Walks, string Epsilons, string Threads, int Repeat, int Seed, string? JsonPath);

    public static int Execute(Settings s)
    {
        const string Source = "bench wos";
        if (s.Points < 1 || s.Points > 1_000_000)
        {
            throw new SpecException(Source, "--points", $"expected 1..1000000, got {s.Points}");
        }
        if (s.Walks < 1 || s.Walks > 10_000_000)
        {
            throw new SpecException(Source, "--walks", $"expected 1..10000000, got {s.Walks}");
        }
        if (s.Repeat < 1 || s.Repeat > 20)
        {
            throw new SpecException(Source, "--repeat", $"expected 1..20, got {s.Repeat}");
        }
        double[] epsilons = ParseList(Source, "--epsilons", s.Epsilons, v => v > 0 && v < 1, "numbers in (0, 1)");
        int[] threadCounts = ParseList(Source, "--threads", s.Threads, v => v >= 1 && v <= 256 && v == Math.Floor(v), "integers in 1..256").Select(v => (int)v).ToArray();
        var problem = StarPoissonProblem.FromSpec(ProblemCatalog.Problems().Load("poisson-star", []));
        IDomain2D domain = s.Domain switch
        {
            "star" => problem.Domain(),
            "disk" => new DiskDomain(0, 0, 1),
            "lshape" => LShapeDomain.Instance,
            "polygon" => new PolygonDomain([(-1, -0.8), (0.9, -1), (1.1, 0.4), (0.2, 0.1), (-0.3, 1.0)]),
            _ => throw new SpecException(Source, "--domain", $"expected star, disk, lshape or polygon, got {s.Domain}"),
        };
        JsonSummary.CheckFolder(s.JsonPath);
        var pts = RandomInteriorPoints(domain, s.Points, s.Seed);
        var wos = new WalkOnSpheres2D(domain, problem.Boundary, problem.Source);
        wos.Estimate(pts.Take(Math.Min(32, pts.Count)).ToList(), new WosSettings { Walks = 16, Epsilon = epsilons.Min(), Seed = s.Seed });

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"walk-on-spheres on {domain.Name} (poisson-star source and boundary data): {s.Points} points x {s.Walks} walks per cell, best of {s.Repeat}; {Environment.ProcessorCount} logical cores"));
        Console.WriteLine($"{"epsilon",9} {"threads",7} {"walks/s",12} {"steps/walk",10} {"us/walk",9} {"Msteps/s",9} {"speedup",8}");
        var rows = new JsonArray();
        double bestRate = 0;
        foreach (double e in epsilons)
        {
            double rate1 = double.NaN;
            foreach (int t in threadCounts)
            {
                WosBatch? best = null;
                for (int r = 0; r < s.Repeat; r++)
                {
                    var batch = wos.Estimate(pts, new WosSettings { Walks = s.Walks, Epsilon = e, Seed = s.Seed, Threads = t });
                    if (best is null || batch.Seconds < best.Seconds)
                    {
                        best = batch;
                    }
                }
                double rate = best!.WalksPerSecond;
                double stepsPerWalk = (double)best.TotalSteps / best.TotalWalks;
                if (t == threadCounts[0])
                {
                    rate1 = rate / t;
                }
                bestRate = Math.Max(bestRate, rate);
                double speedup = rate / rate1;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{e,9:G3} {t,7} {rate,12:F0} {stepsPerWalk,10:F1} {1e6 / rate,9:F2} {rate * stepsPerWalk / 1e6,9:F2} {speedup,8:F2}"));
                rows.Add(new JsonObject
                {
                    ["epsilon"] = e,
                    ["threads"] = t,
                    ["walksPerSecond"] = JsonSummary.Number(rate),
                    ["stepsPerWalk"] = JsonSummary.Number(stepsPerWalk),
                    ["seconds"] = JsonSummary.Number(best.Seconds),
                    ["truncated"] = best.Truncated,
                    ["speedupVsFirstThreadCount"] = JsonSummary.Number(speedup),
                });
            }
        }
        Console.WriteLine("(speedup = walks/s relative to the first thread count, scaled per thread; steps/walk grows like log(1/ε))");
        if (s.JsonPath is not null)
        {
            var summary = new JsonObject
            {
                ["problem"] = "poisson-star",
                ["method"] = "wos",
                ["domain"] = domain.Name,
                ["wallSeconds"] = JsonSummary.Number(rows.Sum(r => r!["seconds"]!.GetValue<double>()) * s.Repeat),
                ["points"] = s.Points,
                ["walksPerPoint"] = s.Walks,
                ["bestWalksPerSecond"] = JsonSummary.Number(bestRate),
                ["processorCount"] = Environment.ProcessorCount,
                ["peakMemoryMB"] = JsonSummary.PeakMemoryMB(),
                ["runs"] = rows,
            };
            JsonSummary.Write(s.JsonPath, summary);
            Console.WriteLine($"wrote {s.JsonPath}");
        }
        return 0;
    }

    private static double[] ParseList(string source, string field, string text, Func<double, bool> valid, string expected)
    {
        var values = new List<double>();
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !valid(v))
            {
                throw new SpecException(source, field, $"expected a comma list of {expected}, got '{part}'");
            }
            values.Add(v);
        }
        if (values.Count == 0)
        {
            throw new SpecException(source, field, $"expected a comma list of {expected}, got an empty list");
        }
        return values.ToArray();
    }

    private static List<(double X, double Y)> RandomInteriorPoints(IDomain2D domain, int count, int seed)
    {
        var rng = new NeuralPDE.Core.Random.Xoshiro256StarStar((ulong)seed);
        var b = domain.Bounds;
        var list = new List<(double X, double Y)>(count);
        while (list.Count < count)
        {
            double x = b.XMin + b.Width * rng.NextDouble(), y = b.YMin + b.Height * rng.NextDouble();
            if (domain.Contains(x, y))
            {
                list.Add((x, y));
            }
        }
        return list;
    }
}
