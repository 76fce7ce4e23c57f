using static TorchSharp.torch;

namespace NeuralPDE.Learning.Fno;

/// <summary>
/// Evaluates fields given at the nodes of a 2-D grid at arbitrary points by trigonometric interpolation: along each
/// axis with n nodes, the unique trigonometric polynomial of period n (in node units) with frequencies 0 … ⌊n/2⌋ that
/// passes through the node values, the real form of the inverse DFT. At a node it returns the node value exactly;
/// between nodes it is smooth, so autograd can differentiate an operator evaluated through it with respect to the
/// point coordinates, to any order. Along one axis the value at fractional node coordinate s is
/// Σ_i D(s − i) h_i with D(t) = (1/n) Σ_k w_k cos(2π k t / n), w_0 = 1, w_k = 2, and w = 1 for the Nyquist frequency
/// k = n/2 of an even n; cos(k(α − β)) is split into cos·cos + sin·sin, so the weights cost [points, n] per axis and
/// the interpolation two matrix products.
/// </summary>
public static class TrigonometricInterpolation
{
    /// <summary>The fields <paramref name="field"/> [B, C, nx, ny] at the points <paramref name="nodeCoordinates"/>
    /// [B, N, 2], given as fractional node indices (s_x, s_y): node (i, j) sits at (i, j). Returns [B, C, N].</summary>
    public static Tensor At(Tensor field, Tensor nodeCoordinates)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(nodeCoordinates);
        if (field.dim() != 4)
        {
            throw new ArgumentException($"trigonometric interpolation: expected fields [batch, channels, nx, ny], got [{string.Join(", ", field.shape)}]");
        }
        long batch = field.shape[0], channels = field.shape[1], nx = field.shape[2], ny = field.shape[3];
        if (nodeCoordinates.dim() != 3 || nodeCoordinates.shape[0] != batch || nodeCoordinates.shape[2] != 2)
        {
            throw new ArgumentException($"trigonometric interpolation: expected points [{batch}, N, 2] for fields of batch {batch}, got [{string.Join(", ", nodeCoordinates.shape)}]");
        }
        using var scope = NewDisposeScope();
        long points = nodeCoordinates.shape[1];
        Tensor wx = Weights(nodeCoordinates.select(2, 0), nx);     // [B, N, nx]
        Tensor wy = Weights(nodeCoordinates.select(2, 1), ny);     // [B, N, ny]
        // Σ_i wx[b,n,i] h[b,c,i,j] → [B, N, C, ny], then Σ_j with wy.
        Tensor alongX = matmul(wx, field.permute(0, 2, 1, 3).reshape(batch, nx, channels * ny)).reshape(batch, points, channels, ny);
        Tensor value = (alongX * wy.unsqueeze(2)).sum(3);            // [B, N, C]
        return value.permute(0, 2, 1).MoveToOuterDisposeScope();
    }

    /// <summary>D(s − i) for every point and node i = 0 … n − 1: [B, N, n].</summary>
    private static Tensor Weights(Tensor s, long n)
    {
        long frequencies = n / 2 + 1;
        var k = new double[frequencies];
        var w = new double[frequencies];
        for (int f = 0; f < frequencies; f++)
        {
            k[f] = 2 * Math.PI * f / n;
            w[f] = f == 0 || 2 * f == n ? 1.0 / n : 2.0 / n;
        }
        var nodeCos = new double[frequencies * n];
        var nodeSin = new double[frequencies * n];
        for (int f = 0; f < frequencies; f++)
        {
            for (int i = 0; i < n; i++)
            {
                nodeCos[f * n + i] = w[f] * Math.Cos(k[f] * i);
                nodeSin[f * n + i] = w[f] * Math.Sin(k[f] * i);
            }
        }
        ScalarType dtype = s.dtype;
        Device device = s.device;
        Tensor angle = s.unsqueeze(2) * tensor(k, dtype: dtype, device: device);                       // [B, N, K]
        Tensor c = tensor(nodeCos, [frequencies, n], dtype: dtype, device: device);
        Tensor sn = tensor(nodeSin, [frequencies, n], dtype: dtype, device: device);
        return matmul(angle.cos(), c) + matmul(angle.sin(), sn);
    }
}
