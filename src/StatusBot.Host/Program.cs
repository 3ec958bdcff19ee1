using StatusBot.Host.Cli;

return await StatusBotCli.RunAsync(args);
