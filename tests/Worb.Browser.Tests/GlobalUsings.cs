global using Worb.EndToEnd.Tests.Infrastructure;
global using Xunit;
global using Xunit.Abstractions;
global using Worb.Browser.Tests.Infrastructure;
