using Worb.Host;

var app = WorbApp.Build(args);
await app.RunAsync();
