namespace K2Orleans.SampleGenerator.Drawing;

/// <summary>The unlit colour of a material at a pixel centre (its texture).</summary>
internal delegate Rgb Albedo(double x, double y);
