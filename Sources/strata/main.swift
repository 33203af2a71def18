import StrataCommands
await StrataMain.run()
