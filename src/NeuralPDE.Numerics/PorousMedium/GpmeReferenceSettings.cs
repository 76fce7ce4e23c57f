using NeuralPDE.Core.Specs;

namespace NeuralPDE.Numerics.PorousMedium;

/// <summary>
/// Reference-solver settings shared by the porous-medium solvers (spec section <c>reference</c>):
/// <c>resolution</c> (cells per direction), <c>timeStep</c>, <c>timeScheme</c> (bdf2 | backward-euler),
/// <c>faceMean</c> (kirchhoff | arithmetic | midpoint), <c>newtonTolerance</c>, <c>maxNewtonIterations</c>,
/// <c>maxPicardIterations</c>, <c>linearTolerance</c> (2-D GMRES) and <c>stefanSmoothing</c> (δ, Stefan only).
/// </summary>
public sealed record GpmeReferenceSettings(
    int Resolution,
    double TimeStep,
    GpmeTimeScheme Scheme,
    FaceMean Mean,
    NewtonSettings Newton,
    double LinearTolerance,
    double StefanSmoothing)
{
    public static GpmeReferenceSettings FromSpec(ProblemSpec spec, int? resolutionOverride)
    {
        int resolution = resolutionOverride ?? spec.Integer("reference.resolution", min: 4);
        if (resolution < 4)
        {
            throw new SpecException(spec.Name, "reference.resolution", $"expected an integer >= 4, got {resolution}");
        }
        double dt = spec.Number("reference.timeStep", min: 0, exclusiveMin: true);
        GpmeTimeScheme scheme = spec.TextOr("reference.timeScheme", "bdf2", "bdf2", "backward-euler") == "bdf2"
            ? GpmeTimeScheme.Bdf2
            : GpmeTimeScheme.BackwardEuler;
        FaceMean mean = spec.TextOr("reference.faceMean", "kirchhoff", "kirchhoff", "arithmetic", "midpoint") switch
        {
            "kirchhoff" => FaceMean.Kirchhoff,
            "arithmetic" => FaceMean.Arithmetic,
            _ => FaceMean.Midpoint,
        };
        var newton = new NewtonSettings(
            spec.NumberOr("reference.newtonTolerance", 1e-12, min: 0, exclusiveMin: true),
            spec.IntegerOr("reference.maxNewtonIterations", 30, min: 1),
            spec.IntegerOr("reference.maxPicardIterations", 400, min: 0));
        double linearTolerance = spec.NumberOr("reference.linearTolerance", 1e-13, min: 0, exclusiveMin: true);
        double smoothing = spec.NumberOr("reference.stefanSmoothing", 0.0, min: 0);
        return new GpmeReferenceSettings(resolution, dt, scheme, mean, newton, linearTolerance, smoothing);
    }

    public string SchemeName => Scheme == GpmeTimeScheme.Bdf2 ? "bdf2" : "backward-euler";

    public string MeanName => Mean switch
    {
        FaceMean.Kirchhoff => "kirchhoff",
        FaceMean.Arithmetic => "arithmetic",
        _ => "midpoint",
    };
}
