namespace K2Orleans.SampleGenerator.Catalog;

/// <summary>
/// Where <see cref="TintedSlots"/> puts its parts and how large they are. The plate comes in <paramref name="PlateWidths"/>
/// (wide, medium, narrow), each centred on <paramref name="Plate"/>'s X, whose width is unused.
/// </summary>
internal sealed record TintedLayout(PartPlace Column, PartPlace Riser, PartPlace Topper, PartPlace Plate, int[] PlateWidths);
