// Specs and the shared test builders (Some, AssetFolderTests) are what most tests here start from.
global using K2Orleans.GrainInterfaces.Specs;
global using K2Orleans.Grains.Specs;
global using K2Orleans.Grains.Tests.Support;
