using NeuralPDE.Core.Specs;

namespace NeuralPDE.Tests.SteadyFlow;

/// <summary>Loads this area's problem specs from the repository's problems/ folder.</summary>
internal static class SteadyFlowSpecs
{
    public static bool Full => Environment.GetEnvironmentVariable("NEURALPDE_FULL") == "1";

    public static ProblemSpec Load(string name, params string[] overrides) => ProblemCatalog.Problems().Load(name, overrides);
}
