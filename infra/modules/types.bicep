// Shared user-defined types for main.bicep and the modules (imported with `import {...} from`).
metadata description = 'Shared types for the FactoryCloud infrastructure.'

@export()
@description('Resource tags: string values by tag name.')
type tagsType = {
  @description('A tag value.')
  *: string
}

@export()
@description('One App Service application setting.')
type appSettingType = {
  @description('Setting name, e.g. Queue__ServiceBus__QueueName (double underscore = configuration section separator).')
  name: string

  @description('Setting value. Secrets are Key Vault references, never literal values.')
  value: string
}

@export()
@description('A user-assigned managed identity that is granted a role.')
type principalType = {
  @description('Resource ID of the user-assigned identity; deterministic, so it is safe in role assignment names.')
  identityResourceId: string

  @description('Object (principal) ID of the identity in Microsoft Entra ID.')
  principalId: string
}

@export()
@description('Built-in role definition IDs used by this deployment (least privilege, data-plane only).')
var roleIds = {
  // Azure Service Bus Data Sender
  serviceBusDataSender: '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'

  // Azure Service Bus Data Receiver
  serviceBusDataReceiver: '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'

  // Key Vault Secrets User
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'

  // Storage Blob Data Contributor
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
}
