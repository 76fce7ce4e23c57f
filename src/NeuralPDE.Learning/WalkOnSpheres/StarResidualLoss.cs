using NeuralPDE.Core.Geometry;
using NeuralPDE.Numerics.Poisson;
using static TorchSharp.torch;

namespace NeuralPDE.Learning.WalkOnSpheres;

/// <summary>
/// A physics-informed loss for a grid operator on <c>poisson-star</c> samples: the relative residual ‖A u − b‖ / ‖b‖ of
/// the Shortley–Weller finite-difference equations of each sample's problem (<see cref="PoissonAssembler"/>: one row
/// per interior node, scaled like 1/h², cut arms' boundary values and the source in b), plus u = g at grid nodes that
/// lie on the boundary (scaled by 1/h² as well). A and b are built from the problem (domain, f, g) alone, so no solver
/// output enters; at the minimum the operator reproduces the finite-difference solution itself. The rows are stored
/// as gathers over the flattened grid (index and weight per stencil entry, padded with weight 0).
/// </summary>
public sealed class StarResidualLoss
{
    private readonly long[][] _index;
    private readonly float[][] _weight;
    private readonly float[][] _rhs;
    private readonly int _rows;
    private readonly int _width;
    private readonly int _nodes;

    public StarResidualLoss(StarPoissonOperatorData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        NodeGrid2D grid = data.Grid;
        _nodes = grid.Count;
        var systems = data.Problems.Select(p => PoissonAssembler.Assemble(p.Domain(), grid, null, p.Source, p.Boundary)).ToArray();
        double scale = 1 / (grid.Hx * grid.Hy);
        _width = 1;
        _rows = 1;
        foreach (PoissonSystem system in systems)
        {
            var m = system.Matrix;
            for (int r = 0; r < m.Size; r++)
            {
                _width = Math.Max(_width, m.RowPointers[r + 1] - m.RowPointers[r]);
            }
            _rows = Math.Max(_rows, system.Unknowns + system.Kinds.Count(k => k == NodeKind.Boundary));
        }
        _index = new long[systems.Length][];
        _weight = new float[systems.Length][];
        _rhs = new float[systems.Length][];
        for (int s = 0; s < systems.Length; s++)
        {
            PoissonSystem system = systems[s];
            var index = new long[_rows * _width];
            var weight = new float[_rows * _width];
            var rhs = new float[_rows];
            var m = system.Matrix;
            int row = 0;
            for (; row < system.Unknowns; row++)
            {
                int slot = row * _width;
                for (int e = m.RowPointers[row]; e < m.RowPointers[row + 1]; e++, slot++)
                {
                    index[slot] = system.NodeOfUnknown[m.ColumnIndices[e]];
                    weight[slot] = (float)m.Values[e];
                }
                rhs[row] = (float)system.RightHandSide[row];
            }
            for (int node = 0; node < system.Kinds.Length; node++)
            {
                if (system.Kinds[node] == NodeKind.Boundary)
                {
                    index[row * _width] = node;
                    weight[row * _width] = (float)scale;
                    rhs[row] = (float)(scale * system.BoundaryValues[node]);
                    row++;
                }
            }
            _index[s] = index;
            _weight[s] = weight;
            _rhs[s] = rhs;
        }
    }

    /// <summary>Rows (padded) and stencil entries per row of the stored equations.</summary>
    public (int Rows, int Width) Shape => (_rows, _width);

    /// <summary>Per-sample relative residuals [B] of <paramref name="prediction"/> [B, 1, X, Y] for samples
    /// <paramref name="batch"/> (indices into the data this loss was built from).</summary>
    public Tensor Relative(Tensor prediction, int[] batch)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(batch);
        int b = batch.Length;
        if (prediction.dim() != 4 || prediction.shape[0] != b || prediction.shape[1] * prediction.shape[2] * prediction.shape[3] != _nodes)
        {
            throw new ArgumentException($"residual loss: expected a prediction [{b}, 1, X, Y] with {_nodes} nodes, got [{string.Join(", ", prediction.shape)}]");
        }
        Device device = prediction.device;
        var index = new long[b * _rows * _width];
        var weight = new float[b * _rows * _width];
        var rhs = new float[b * _rows];
        for (int k = 0; k < b; k++)
        {
            Array.Copy(_index[batch[k]], 0, index, k * _rows * _width, _rows * _width);
            Array.Copy(_weight[batch[k]], 0, weight, k * _rows * _width, _rows * _width);
            Array.Copy(_rhs[batch[k]], 0, rhs, k * _rows, _rows);
        }
        Tensor u = prediction.reshape(b, _nodes);
        Tensor gathered = u.gather(1, tensor(index, [b, _rows * _width]).to(device)).reshape(b, _rows, _width);
        Tensor f = tensor(rhs, [b, _rows]).to(device);
        Tensor residual = (gathered * tensor(weight, [b, _rows, _width]).to(device)).sum(2) - f;
        return residual.square().sum(1).sqrt() / f.square().sum(1).sqrt().clamp_min(1e-12);
    }
}
