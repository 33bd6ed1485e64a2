// The enumerations a configuration value may name, read through `ConfigValue.oneOf`.

extension RLSPolicy.Command: ConfigChoice {}
extension VercelTarget: ConfigChoice {}
extension VercelEnvVar.Kind: ConfigChoice {}
extension StripePrice.Interval: ConfigChoice {}
extension SecretsConfig.Source: ConfigChoice {}
extension SecretTargetName: ConfigChoice {}
extension ApprovalRule.Method: ConfigChoice {}
extension Risk: ConfigChoice {}
extension ServiceScope: ConfigChoice {}
