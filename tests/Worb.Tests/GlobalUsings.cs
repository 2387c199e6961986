global using Orleans;
global using Orleans.Runtime;
global using Xunit;
