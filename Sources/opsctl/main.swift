import OpsCLI

await OpsctlEntrypoint.main()
