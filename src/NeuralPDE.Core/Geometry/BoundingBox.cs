namespace NeuralPDE.Core.Geometry;

/// <summary>An axis-aligned rectangle [XMin, XMax] x [YMin, YMax].</summary>
public readonly record struct BoundingBox(double XMin, double XMax, double YMin, double YMax)
{
    public double Width => XMax - XMin;

    public double Height => YMax - YMin;

    /// <summary>Length of the diagonal, a natural length scale for tolerances.</summary>
    public double Diameter => Math.Sqrt(Width * Width + Height * Height);
}
