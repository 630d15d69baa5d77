namespace K2Orleans.SampleGenerator.Drawing;

/// <summary>The unit surface normal at a pixel centre; it drives the lighting that makes a flat shape look solid.</summary>
internal delegate Vec3 NormalField(double x, double y);
