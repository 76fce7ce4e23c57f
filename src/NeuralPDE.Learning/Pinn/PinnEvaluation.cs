using NeuralPDE.Core.Solutions;

namespace NeuralPDE.Learning.Pinn;

/// <summary>
/// A trained model evaluated on a grid: <see cref="Solution"/> holds the model's fields and the exact or reference
/// fields they are compared with (so that <c>RelativeL2</c> and the standard figures work), <see cref="RelL2"/> is
/// the headline error (the primary field, or the worst of the fields the target names) and <see cref="Metrics"/>
/// holds further numbers (per-field errors, mass-conservation errors, centreline deviations...).
/// </summary>
public sealed record PinnEvaluation(ReferenceSolution Solution, double RelL2, IReadOnlyDictionary<string, double> Metrics, string ComparedWith);
