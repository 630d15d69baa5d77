using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace K2Orleans.Grains.Rendering;

/// <summary>
/// PNG row filters for 8-bit RGBA (4 bytes per pixel). Encoding knows the whole raw row and the row above, so every
/// filter, Paeth included, is a pure function of loaded bytes and runs 16 bytes at a time; only the first pixel
/// (no left neighbour) and a row's last few bytes are scalar.
/// </summary>
internal static class PngRowFilter
{
    public const int BytesPerPixel = 4;
    public const byte None = 0;
    public const byte Sub = 1;
    public const byte Up = 2;
    public const byte Average = 3;
    public const byte Paeth = 4;

    /// <summary>Not a PNG filter type: per row, the filter whose residuals have the smallest sum of absolute values.</summary>
    public const byte Adaptive = 5;

    /// <summary>
    /// Writes the filter type byte and the filtered row to <paramref name="destination"/> (1 + row length bytes).
    /// <paramref name="previous"/> is the raw row above, all zeros for the first row. <paramref name="scratch"/> holds
    /// at least 4 row lengths, used only by <see cref="Adaptive"/>.
    /// </summary>
    public static void FilterRow(ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, byte mode, Span<byte> destination, Span<byte> scratch)
    {
        var stride = row.Length;
        if (mode != Adaptive)
        {
            destination[0] = mode;
            Apply(mode, row, previous, destination.Slice(1, stride));
            return;
        }

        // Each candidate goes to its own buffer (the first into the destination), the best is copied once at the end.
        var best = None;
        var bestScore = long.MaxValue;
        for (var type = None; type <= Paeth; type++)
        {
            var candidate = type == None ? destination.Slice(1, stride) : scratch.Slice((type - 1) * stride, stride);
            var score = Apply(type, row, previous, candidate);
            if (score < bestScore)
            {
                (best, bestScore) = (type, score);
            }
        }

        destination[0] = best;
        if (best != None)
        {
            scratch.Slice((best - 1) * stride, stride).CopyTo(destination[1..]);
        }
    }

    /// <summary>Applies one filter and returns the sum of the residuals' absolute values (as signed bytes).</summary>
    private static long Apply(byte type, ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, Span<byte> output)
    {
        var stride = row.Length;
        ref var r = ref MemoryMarshal.GetReference(row);
        ref var p = ref MemoryMarshal.GetReference(previous);
        ref var o = ref MemoryMarshal.GetReference(output);
        long score = 0;

        // The first pixel has no left neighbour: left and upper-left are zero.
        var first = Math.Min(BytesPerPixel, stride);
        for (var i = 0; i < first; i++)
        {
            score += Store(ref o, i, row[i], Predict(type, 0, previous[i], 0));
        }

        var x = first;
        if (Vector128.IsHardwareAccelerated)
        {
            var sums = Vector128<ushort>.Zero;
            var pending = 0;
            for (; x + Vector128<byte>.Count <= stride; x += Vector128<byte>.Count)
            {
                var current = Vector128.LoadUnsafe(ref r, (nuint)x);
                var residual = current - PredictVector(type, ref r, ref p, x);
                residual.StoreUnsafe(ref o, (nuint)x);

                // |signed residual| as an unsigned byte is min(v, 256 - v); two of them per ushort lane per step.
                var magnitude = Vector128.Min(residual, Vector128<byte>.Zero - residual);
                sums += Vector128.WidenLower(magnitude) + Vector128.WidenUpper(magnitude);
                if (++pending == 250)
                {
                    score += Total(sums);
                    (sums, pending) = (Vector128<ushort>.Zero, 0);
                }
            }

            score += Total(sums);
        }

        for (; x < stride; x++)
        {
            score += Store(ref o, x, row[x], Predict(type, row[x - BytesPerPixel], previous[x], previous[x - BytesPerPixel]));
        }

        return score;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> PredictVector(byte type, ref byte row, ref byte previous, int x)
    {
        switch (type)
        {
            case None:
                return Vector128<byte>.Zero;
            case Sub:
                return Vector128.LoadUnsafe(ref row, (nuint)(x - BytesPerPixel));
            case Up:
                return Vector128.LoadUnsafe(ref previous, (nuint)x);
            case Average:
                {
                    var left = Vector128.LoadUnsafe(ref row, (nuint)(x - BytesPerPixel));
                    var up = Vector128.LoadUnsafe(ref previous, (nuint)x);
                    return (left & up) + Vector128.ShiftRightLogical(left ^ up, 1);
                }

            default:
                {
                    var left = Vector128.LoadUnsafe(ref row, (nuint)(x - BytesPerPixel));
                    var up = Vector128.LoadUnsafe(ref previous, (nuint)x);
                    var upLeft = Vector128.LoadUnsafe(ref previous, (nuint)(x - BytesPerPixel));
                    var (chooseLeftLow, chooseUpLow) = PaethMasks(Vector128.WidenLower(left), Vector128.WidenLower(up), Vector128.WidenLower(upLeft));
                    var (chooseLeftHigh, chooseUpHigh) = PaethMasks(Vector128.WidenUpper(left), Vector128.WidenUpper(up), Vector128.WidenUpper(upLeft));
                    var chooseLeft = Vector128.Narrow(chooseLeftLow, chooseLeftHigh).AsByte();
                    var chooseUp = Vector128.Narrow(chooseUpLow, chooseUpHigh).AsByte();
                    return Vector128.ConditionalSelect(chooseLeft, left, Vector128.ConditionalSelect(chooseUp, up, upLeft));
                }
        }
    }

    /// <summary>Paeth's choice as lane masks (all ones or zero) in 16-bit lanes: left wins ties, then up.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector128<short> ChooseLeft, Vector128<short> ChooseUp) PaethMasks(Vector128<ushort> left, Vector128<ushort> up, Vector128<ushort> upLeft)
    {
        var toLeftSigned = up.AsInt16() - upLeft.AsInt16();    // estimate - left
        var toUpSigned = left.AsInt16() - upLeft.AsInt16();    // estimate - up
        var toLeft = Vector128.Abs(toLeftSigned);
        var toUp = Vector128.Abs(toUpSigned);
        var toUpLeft = Vector128.Abs(toLeftSigned + toUpSigned);
        var chooseLeft = Vector128.LessThanOrEqual(toLeft, toUp) & Vector128.LessThanOrEqual(toLeft, toUpLeft);
        var chooseUp = Vector128.LessThanOrEqual(toUp, toUpLeft);
        return (chooseLeft, chooseUp);
    }

    private static long Total(Vector128<ushort> sums) =>
        Vector128.Sum(Vector128.WidenLower(sums)) + Vector128.Sum(Vector128.WidenUpper(sums));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Store(ref byte output, int index, byte value, int predictor)
    {
        var residual = (byte)(value - predictor);
        Unsafe.Add(ref output, index) = residual;
        return residual < 128 ? residual : 256 - residual;
    }

    /// <summary>The scalar predictor of PNG filter <paramref name="type"/> (PNG specification, section 9).</summary>
    internal static int Predict(byte type, int left, int up, int upLeft)
    {
        switch (type)
        {
            case None:
                return 0;
            case Sub:
                return left;
            case Up:
                return up;
            case Average:
                return (left + up) >> 1;
            default:
                var estimate = left + up - upLeft;
                var toLeft = Math.Abs(estimate - left);
                var toUp = Math.Abs(estimate - up);
                var toUpLeft = Math.Abs(estimate - upLeft);
                return toLeft <= toUp && toLeft <= toUpLeft ? left : toUp <= toUpLeft ? up : upLeft;
        }
    }
}
