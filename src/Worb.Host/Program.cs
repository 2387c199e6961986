using Worb.Grains;
using Worb.Host;

WebApplication app;
try
{
    app = WorbApp.Build(args);
}
catch (WorbConfigurationException e)
{
    await Console.Error.WriteLineAsync($"worb: {e.Message}");
    return 2;
}
await app.RunAsync();
return 0;
