namespace K2Orleans.SampleGenerator.Drawing;

/// <summary>The colour and opacity of a surface at a pixel centre.</summary>
internal delegate Rgba Shader(double x, double y);
