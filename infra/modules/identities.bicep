// One user-assigned managed identity per app. The identity is the app's only credential:
// Service Bus, Key Vault and PostgreSQL (Entra auth) all trust it; nothing holds a password.
metadata description = 'User-assigned managed identities for the web app and the ingestion worker.'

import { tagsType } from 'types.bicep'

@description('Azure region.')
param location string

@description('Tags applied to every resource.')
param tags tagsType

@description('Name of the web app identity. Also the PostgreSQL role name mapped with pgaadauth_create_principal.')
param webIdentityName string

@description('Name of the ingestion worker identity. Also the PostgreSQL role name mapped with pgaadauth_create_principal.')
param workerIdentityName string

resource webIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: webIdentityName
  location: location
  tags: tags
}

resource workerIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: workerIdentityName
  location: location
  tags: tags
}

@description('Principal (object) ID of the web app identity.')
output webPrincipalId string = webIdentity.properties.principalId

@description('Client ID of the web app identity (AZURE_CLIENT_ID for DefaultAzureCredential / ManagedIdentityCredential).')
output webClientId string = webIdentity.properties.clientId

@description('Principal (object) ID of the ingestion worker identity.')
output workerPrincipalId string = workerIdentity.properties.principalId

@description('Client ID of the ingestion worker identity.')
output workerClientId string = workerIdentity.properties.clientId
