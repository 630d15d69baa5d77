namespace K2Orleans.SampleGenerator.Drawing;

/// <summary>Signed distance in pixels from a point to a shape's edge: negative inside, positive outside.</summary>
internal delegate double Shape(double x, double y);
