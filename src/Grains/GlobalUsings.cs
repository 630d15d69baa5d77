// The job and spec contracts are what most of this project works on; every file sees them.
global using K2Orleans.GrainInterfaces.Jobs;
global using K2Orleans.GrainInterfaces.Specs;
