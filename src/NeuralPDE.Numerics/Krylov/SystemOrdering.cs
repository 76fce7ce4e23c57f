namespace NeuralPDE.Numerics.Krylov;

/// <summary>The order in which a <see cref="SequenceSolver"/> visits its systems.</summary>
public enum OrderingKind
{
    /// <summary>As given.</summary>
    Natural,

    /// <summary>Greedy nearest-neighbour chain over all systems (O(N²) distances).</summary>
    Greedy,

    /// <summary>Greedy chains inside groups of consecutive systems along a 1-D projection, chained together (O(N·G)).</summary>
    GroupedGreedy,
}

/// <summary>
/// Orderings over parameter vectors, as in Sorting Krylov Recycling (Wang et al., ICLR 2024): start at system 0 and
/// repeatedly go to the nearest unvisited system in Frobenius (Euclidean) distance of the parameter fields, so that
/// consecutive systems are alike and the recycled subspace stays useful. Ties go to the lower index, so orderings are
/// deterministic. The grouped variant sorts the systems by their projection on the first principal-like direction
/// (the difference between the two systems farthest from the mean in a cheap two-sweep search), cuts that order into
/// groups of <c>groupSize</c>, and runs the greedy chain inside each group starting from the system nearest the end
/// of the previous group's chain: O(N · groupSize) distance evaluations instead of O(N²).
/// </summary>
public static class SystemOrdering
{
    public static int[] Natural(int count) => Enumerable.Range(0, count).ToArray();

    public static int[] Create(OrderingKind kind, IReadOnlyList<double[]> parameters, int groupSize = 64) => kind switch
    {
        OrderingKind.Natural => Natural(parameters.Count),
        OrderingKind.Greedy => GreedyChain(parameters),
        OrderingKind.GroupedGreedy => GroupedGreedyChain(parameters, groupSize),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown ordering"),
    };

    /// <summary>The greedy nearest-neighbour chain starting at system 0; a permutation of 0..N−1.</summary>
    public static int[] GreedyChain(IReadOnlyList<double[]> parameters)
    {
        Check(parameters);
        var all = Enumerable.Range(0, parameters.Count).ToArray();
        return ChainWithin(parameters, all, 0);
    }

    /// <summary>The grouped greedy chain (see the type's summary); a permutation of 0..N−1.</summary>
    public static int[] GroupedGreedyChain(IReadOnlyList<double[]> parameters, int groupSize)
    {
        Check(parameters);
        if (groupSize < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(groupSize), $"group size must be >= 2, got {groupSize}");
        }
        int n = parameters.Count;
        if (n <= groupSize)
        {
            return GreedyChain(parameters);
        }
        // A direction of large spread: the point farthest from system 0, then the point farthest from that one.
        int p1 = Farthest(parameters, parameters[0]);
        int p2 = Farthest(parameters, parameters[p1]);
        double[] a = parameters[p1], b = parameters[p2];
        var key = new double[n];
        for (int i = 0; i < n; i++)
        {
            double s = 0;
            double[] x = parameters[i];
            for (int j = 0; j < x.Length; j++)
            {
                s += (x[j] - a[j]) * (b[j] - a[j]);
            }
            key[i] = s;
        }
        int[] byKey = Enumerable.Range(0, n).OrderBy(i => key[i]).ThenBy(i => i).ToArray();
        var order = new List<int>(n);
        for (int start = 0; start < n; start += groupSize)
        {
            int[] group = byKey[start..Math.Min(n, start + groupSize)];
            int first;
            if (order.Count == 0)
            {
                first = group[0];
            }
            else
            {
                double[] last = parameters[order[^1]];
                first = group.OrderBy(i => Distance2(parameters[i], last)).ThenBy(i => i).First();
            }
            order.AddRange(ChainWithin(parameters, group, Array.IndexOf(group, first)));
        }
        return order.ToArray();
    }

    /// <summary>Total Frobenius distance between consecutive systems of an order (the chain length).</summary>
    public static double ChainLength(IReadOnlyList<double[]> parameters, IReadOnlyList<int> order)
    {
        double s = 0;
        for (int i = 1; i < order.Count; i++)
        {
            s += Math.Sqrt(Distance2(parameters[order[i - 1]], parameters[order[i]]));
        }
        return s;
    }

    public static double Distance2(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double d = a[i] - b[i];
            s += d * d;
        }
        return s;
    }

    private static int[] ChainWithin(IReadOnlyList<double[]> parameters, int[] members, int startPosition)
    {
        int n = members.Length;
        var visited = new bool[n];
        var order = new int[n];
        int current = startPosition;
        for (int step = 0; step < n; step++)
        {
            visited[current] = true;
            order[step] = members[current];
            int best = -1;
            double bestDistance = double.PositiveInfinity;
            double[] here = parameters[members[current]];
            for (int j = 0; j < n; j++)
            {
                if (visited[j])
                {
                    continue;
                }
                double dist = Distance2(here, parameters[members[j]]);
                if (best < 0 || dist < bestDistance || dist == bestDistance && members[j] < members[best])
                {
                    best = j;
                    bestDistance = dist;
                }
            }
            current = best;
        }
        return order;
    }

    private static int Farthest(IReadOnlyList<double[]> parameters, double[] from)
    {
        int best = 0;
        double bestDistance = -1;
        for (int i = 0; i < parameters.Count; i++)
        {
            double dist = Distance2(parameters[i], from);
            if (dist > bestDistance)
            {
                best = i;
                bestDistance = dist;
            }
        }
        return best;
    }

    private static void Check(IReadOnlyList<double[]> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Count == 0)
        {
            return;
        }
        int len = parameters[0].Length;
        for (int i = 0; i < parameters.Count; i++)
        {
            if (parameters[i] is null || parameters[i].Length != len)
            {
                throw new ArgumentException($"parameter vector {i} has length {parameters[i]?.Length ?? 0}, expected {len} (all systems need parameter vectors of one length)");
            }
            foreach (double v in parameters[i])
            {
                if (!double.IsFinite(v))
                {
                    throw new ArgumentException($"parameter vector {i} has a non-finite entry {v}");
                }
            }
        }
    }
}
