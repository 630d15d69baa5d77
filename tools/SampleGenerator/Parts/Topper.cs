using K2Orleans.SampleGenerator.Drawing;

namespace K2Orleans.SampleGenerator.Parts;

/// <summary>The crowning part. Each style stands on its own foot whose bottom edge is the image's bottom edge.</summary>
internal static class Topper
{
    // Unit vectors of a five-pointed star, starting straight up, every 36 degrees, written out so no
    // trigonometry runs (see Scalar: output must be bit-identical on every platform).
    private static readonly (double X, double Y)[] StarDirections =
    [
        (0, -1), (0.5877852522924731, -0.8090169943749475), (0.9510565162951535, -0.3090169943749474),
        (0.9510565162951535, 0.3090169943749474), (0.5877852522924731, 0.8090169943749475), (0, 1),
        (-0.5877852522924731, 0.8090169943749475), (-0.9510565162951535, 0.3090169943749474),
        (-0.9510565162951535, -0.3090169943749474), (-0.5877852522924731, -0.8090169943749475),
    ];

    public static Layer Draw(int width, int height, Rgb metal, TopperStyle style, uint seed)
    {
        var layer = new Layer(width, height);
        var albedo = Materials.Brushed(metal, seed, vertical: true, scale: width / 180.0);
        double w = width, h = height;
        switch (style)
        {
            case TopperStyle.Cup: Cup(layer, w, h, albedo, handles: true); break;
            case TopperStyle.Urn: Urn(layer, w, h, albedo); break;
            case TopperStyle.Star: Star(layer, w, h, albedo); break;
            case TopperStyle.Figure: Figure(layer, w, h, albedo); break;
            case TopperStyle.Ball: Ball(layer, w, h, albedo); break;
            default: Torch(layer, w, h, albedo, seed); break;
        }

        return layer;
    }

    private static void Cup(Layer layer, double w, double h, Albedo albedo, bool handles)
    {
        var cx = w / 2;
        var rim = h * 0.1;
        var rx = w * 0.3;
        var depth = h * 0.46;
        if (handles)
        {
            foreach (var side in new[] { -1.0, 1.0 })
            {
                var loop = Shapes.Outline(Shapes.Ellipse(cx + (side * rx * 0.96), rim + (h * 0.16), w * 0.14, h * 0.15), w * 0.022);
                var handle = Shapes.Intersect(loop, (x, _) => (rx * 0.85) - (side * (x - cx)));
                layer.Paint(handle, Shaders.Metal(albedo, Normals.Pillow(handle, w * 0.022)));
            }
        }

        Pedestal(layer, cx, h - 1, w * 0.2, rim + (depth * 0.9), w * 0.035, albedo);
        Bowl(layer, cx, rim, rx, depth, albedo);
    }

    private static void Urn(Layer layer, double w, double h, Albedo albedo)
    {
        var cx = w / 2;
        var rim = h * 0.3;
        var rx = w * 0.24;
        Pedestal(layer, cx, h - 1, w * 0.17, rim + (h * 0.4), w * 0.03, albedo);
        Bowl(layer, cx, rim, rx, h * 0.42, albedo);

        var lid = Shapes.Intersect(Shapes.Ellipse(cx, rim, rx * 0.92, h * 0.14), (_, y) => y - rim - 1);
        layer.Paint(lid, Shaders.Metal(albedo, Normals.Ellipsoid(cx, rim, rx * 0.92, h * 0.14)));
        var finialR = w * 0.045;
        var finialY = rim - (h * 0.14) - (finialR * 0.6);
        layer.Paint(Shapes.Circle(cx, finialY, finialR), Shaders.Metal(albedo, Normals.Ellipsoid(cx, finialY, finialR, finialR)));
    }

    private static void Bowl(Layer layer, double cx, double rim, double rx, double depth, Albedo albedo)
    {
        var bowl = Shapes.Intersect(Shapes.Ellipse(cx, rim, rx, depth), Shapes.Below(rim));
        layer.Paint(bowl, Shaders.Metal(albedo, Normals.Ellipsoid(cx, rim, rx, depth * 1.4)));

        // Seen slightly from above, the mouth shows a lip and the darker inside of the far wall.
        var lipRy = Math.Max(1.5, rx * 0.16);
        layer.Paint(Shapes.Ellipse(cx, rim, rx, lipRy), Shaders.Metal(albedo, Normals.Rounded(cx, rx, rim, lipRy * 1.6)));
        var inner = Materials.Darken(albedo, (_, y) => 0.35 + (0.3 * Scalar.Clamp01((y - rim + lipRy) / (2 * lipRy))));
        layer.Paint(Shapes.Ellipse(cx, rim + (lipRy * 0.12), rx * 0.9, lipRy * 0.72), Shaders.Metal(inner, Normals.Ellipsoid(cx, rim + lipRy, rx * 0.9, lipRy * 3)));
    }

    private static void Star(Layer layer, double w, double h, Albedo albedo)
    {
        var cx = w / 2;
        var outer = Math.Min(w * 0.44, h * 0.36);
        var cy = outer + (h * 0.02);
        Pedestal(layer, cx, h - 1, w * 0.17, cy + (outer * 0.5), w * 0.032, albedo);

        var points = new (double X, double Y)[StarDirections.Length];
        for (var i = 0; i < points.Length; i++)
        {
            var radius = i % 2 == 0 ? outer : outer * 0.42;
            points[i] = (cx + (StarDirections[i].X * radius), cy + (StarDirections[i].Y * radius));
        }

        var star = Shapes.Polygon(points);
        var edge = Normals.Pillow(star, Math.Max(1, w * 0.012));
        layer.Paint(star, Shaders.Metal(albedo, Normals.Perturb((x, y) => Facet(x - cx, y - cy), edge)));
    }

    /// <summary>Each arm is a ridge: the surface falls away from the nearest centre-to-tip line and towards the tip.</summary>
    private static Vec3 Facet(double dx, double dy)
    {
        var best = 0;
        var bestDot = double.MinValue;
        for (var i = 0; i < StarDirections.Length; i += 2)
        {
            var dot = (StarDirections[i].X * dx) + (StarDirections[i].Y * dy);
            if (dot > bestDot)
            {
                bestDot = dot;
                best = i;
            }
        }

        var (ux, uy) = StarDirections[best];
        var side = ((-uy * dx) + (ux * dy)) >= 0 ? 1.0 : -1.0;
        return new Vec3((side * -uy * 0.6) + (ux * 0.25), (side * ux * 0.6) + (uy * 0.25), 1).Normalized();
    }

    private static void Figure(Layer layer, double w, double h, Albedo albedo)
    {
        var cx = w / 2;
        var plinthY = h * 0.84;
        Pedestal(layer, cx, h - 1, w * 0.2, plinthY, w * 0.05, albedo);
        var limb = w * 0.036;
        var body = Shapes.SmoothUnion(
            w * 0.02,
            Shapes.Circle(cx, h * 0.13, w * 0.062),
            Shapes.Capsule(cx - (w * 0.05), h * 0.27, cx + (w * 0.05), h * 0.27, w * 0.035, w * 0.035),
            Shapes.Capsule(cx, h * 0.28, cx, h * 0.5, w * 0.07, w * 0.06),
            Shapes.Capsule(cx - (w * 0.055), h * 0.29, cx - (w * 0.2), h * 0.06, limb, limb * 0.8),
            Shapes.Capsule(cx + (w * 0.055), h * 0.29, cx + (w * 0.2), h * 0.06, limb, limb * 0.8),
            Shapes.Capsule(cx - (w * 0.03), h * 0.5, cx - (w * 0.08), plinthY, limb * 1.35, limb),
            Shapes.Capsule(cx + (w * 0.03), h * 0.5, cx + (w * 0.06), plinthY, limb * 1.35, limb),
            Shapes.RoundedBox(cx, plinthY, w * 0.17, h * 0.025, h * 0.01));
        layer.Paint(body, Shaders.Metal(albedo, Normals.Pillow(body, w * 0.05)));
    }

    private static void Ball(Layer layer, double w, double h, Albedo albedo)
    {
        var cx = w / 2;
        var r = Math.Min(w * 0.3, h * 0.32);
        var cy = r + (h * 0.03);
        var cradleY = cy + (r * 0.8);
        Pedestal(layer, cx, h - 1, w * 0.18, cradleY + (r * 0.3), w * 0.035, albedo);

        var sphere = Normals.Ellipsoid(cx, cy, r, r);
        var seamWidth = Math.Max(0.025, 1.2 / r);
        var seamed = Materials.Darken(albedo, (x, y) =>
        {
            var n = sphere(x, y);
            var seam = Math.Min(Math.Min(Math.Abs(n.X), Math.Abs(n.Y)), Math.Abs(Math.Abs(n.X) - 0.62 - (0.3 * n.Y * n.Y)));
            return 0.35 + (0.65 * Scalar.Smoothstep(seamWidth * 0.4, seamWidth, seam));
        });
        layer.Paint(Shapes.Circle(cx, cy, r), Shaders.Metal(seamed, sphere));

        var cradleR = r * 0.5;
        var cradle = Shapes.Intersect(Shapes.Ellipse(cx, cradleY, cradleR, r * 0.3), Shapes.Below(cradleY));
        layer.Paint(cradle, Shaders.Metal(albedo, Normals.Ellipsoid(cx, cradleY, cradleR, r * 0.45)));
        layer.Paint(Shapes.Ellipse(cx, cradleY, cradleR, Math.Max(1, r * 0.07)), Shaders.Metal(albedo, Normals.Rounded(cx, cradleR, cradleY, r * 0.11)));
    }

    private static void Torch(Layer layer, double w, double h, Albedo albedo, uint seed)
    {
        var cx = w / 2;
        var cupY = h * 0.5;
        var handleBottom = h * 0.86;
        Func<double, double> handleHalf = y => Scalar.Lerp(w * 0.1, w * 0.04, Scalar.Clamp01((y - cupY) / (handleBottom - cupY)));
        Pedestal(layer, cx, h - 1, w * 0.16, handleBottom - (h * 0.02), w * 0.03, albedo);
        var handle = Shapes.Polygon((cx - handleHalf(cupY), cupY), (cx + handleHalf(cupY), cupY), (cx + handleHalf(handleBottom), handleBottom), (cx - handleHalf(handleBottom), handleBottom));
        var banded = Materials.Darken(albedo, (_, y) => Scalar.Frac((y - cupY) / (h * 0.07)) < 0.18 ? 0.7 : 1);
        layer.Paint(handle, Shaders.Metal(banded, Normals.Cylinder(cx, handleHalf)));

        var cupRx = w * 0.15;
        var cup = Shapes.Intersect(Shapes.Ellipse(cx, cupY, cupRx, h * 0.09), Shapes.Below(cupY - 1));
        layer.Paint(cup, Shaders.Metal(albedo, Normals.Ellipsoid(cx, cupY, cupRx, h * 0.13)));

        // The flame is drawn last and is partly transparent, like a cut-out photo of a real flame.
        var flameR = w * 0.12;
        var flameY = cupY - (flameR * 0.9);
        var tipY = h * 0.03;
        var teardrop = Shapes.SmoothUnion(
            flameR * 0.5,
            Shapes.Circle(cx, flameY, flameR),
            Shapes.Polygon((cx - (flameR * 0.55), flameY - (flameR * 0.3)), (cx + (flameR * 0.1), tipY), (cx + (flameR * 0.6), flameY - (flameR * 0.2))));
        var flame = Shapes.WarpX(teardrop, (_, y) => (Noise.Value(y / (h * 0.12), 0.5, seed + 3) - 0.5) * flameR * 0.9 * Scalar.Clamp01((flameY - y) / (flameY - tipY)));
        layer.Paint(flame, (x, y) =>
        {
            var heat = Scalar.Clamp01(-flame(x, y) / (flameR * 0.85));
            var colour = heat < 0.5
                ? Rgb.Lerp(new Rgb(0.86, 0.22, 0.04), new Rgb(1, 0.58, 0.1), heat * 2)
                : Rgb.Lerp(new Rgb(1, 0.58, 0.1), new Rgb(1, 0.95, 0.7), (heat - 0.5) * 2);
            return new Rgba(colour.Offset(Noise.Grain(x, y, seed + 4) * 0.03), 0.55 + (0.45 * heat));
        }, Math.Max(1, w * 0.012));
    }

    private static void Pedestal(Layer layer, double cx, double bottom, double footHalf, double stemTop, double stemRadius, Albedo albedo)
    {
        var footTop = bottom - (footHalf * 0.42);
        var stem = Shapes.Capsule(cx, footTop, cx, stemTop, stemRadius * 1.3, stemRadius);
        layer.Paint(stem, Shaders.Metal(albedo, Normals.Cylinder(cx, y => Scalar.Lerp(stemRadius, stemRadius * 1.3, Scalar.Clamp01((y - stemTop) / (footTop - stemTop))))));

        var knotY = Scalar.Lerp(footTop, stemTop, 0.55);
        var knot = Shapes.Ellipse(cx, knotY, stemRadius * 2, Math.Max(1, stemRadius * 0.9));
        layer.Paint(knot, Shaders.Metal(albedo, Normals.Ellipsoid(cx, knotY, stemRadius * 2, stemRadius * 1.4)));

        var rimHalf = Math.Max(0.75, footHalf * 0.09);
        Func<double, double> footWidth = y => Scalar.Lerp(footHalf * 0.5, footHalf, Scalar.Clamp01((y - footTop) / (bottom - footTop)));
        var foot = Shapes.Union(
            Shapes.Polygon((cx - (footHalf * 0.5), footTop), (cx + (footHalf * 0.5), footTop), (cx + footHalf, bottom - rimHalf), (cx - footHalf, bottom - rimHalf)),
            Shapes.RoundedBox(cx, bottom - rimHalf, footHalf, rimHalf, rimHalf * 0.9));
        layer.Paint(foot, Shaders.Metal(albedo, Normals.Perturb(Normals.Cylinder(cx, footWidth), Normals.Constant(new Vec3(0, -0.3, 0.95)))));
    }
}
