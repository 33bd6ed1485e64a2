import OpsCore
