import { describe, expect, it } from "vitest";
import { isSensitiveByName, sensitiveNames } from "../../lib/analysis/sensitive-fields.js";

describe("sensitive column names", () => {
  const sensitive: [string, string][] = [
    ["password", "User"],
    ["passwordHash", "User"],
    ["password_hash", "users"],
    ["hashedPassword", "User"],
    ["hash", "Credential"],
    ["salt", "User"],
    ["twoFactorSecret", "User"],
    ["access_token", "Account"],
    ["refreshToken", "Account"],
    ["resetToken", "User"],
    ["token", "VerificationToken"],
    ["apiKey", "Integration"],
    ["privateKey", "SigningKey"],
    ["hashedKey", "Token"],
    ["key", "ApiKey"],
    ["otp", "LoginCode"],
    ["recoveryCodes", "User"],
    ["backup_codes", "User"],
    ["webhookSecret", "Project"],
    ["credentials", "Connection"],
  ];
  const harmless: [string, string][] = [
    ["tokenCount", "Message"],
    ["totalTokens", "Usage"],
    ["promptTokens", "Usage"],
    ["hashtag", "Post"],
    ["keyword", "Search"],
    ["secretariat", "Office"],
    ["publicKey", "Authenticator"],
    ["credentialPublicKey", "Authenticator"],
    ["contentHash", "Document"],
    ["fileHash", "Upload"],
    ["commitHash", "Deployment"],
    ["postalCode", "Address"],
    ["key", "StorageObject"],
    ["displaySecretKey", "ApiKey"],
    ["partialKey", "Token"],
    ["maskedApiKey", "Integration"],
    ["tokenHint", "Session"],
    ["keyPrefix", "ApiKey"],
    ["tokenType", "Account"],
    ["passwordChangedAt", "User"],
  ];
  it.each(sensitive)("%s on %s is sensitive", (field, model) => expect(isSensitiveByName(field, model)).toBe(true));
  it.each(harmless)("%s on %s is not", (field, model) => expect(isSensitiveByName(field, model)).toBe(false));

  it("only columns that can hold a secret count", () => {
    const names = sensitiveNames();
    expect(names.isSensitive("passwordHash", "User", "String")).toBe(true);
    expect(names.isSensitive("recoveryCodes", "User", "Json")).toBe(true);
    expect(names.isSensitive("isSecret", "EnvVar", "Boolean")).toBe(false);
    expect(names.isSensitive("hasPassword", "User", "Boolean")).toBe(false);
  });

  it("options extend and remove names, also by Model.field and /regex/", () => {
    const names = sensitiveNames(["ssn", "Customer.taxId", "/^stripe\\w*Secret$/i"], ["hash", "Release.salt"]);
    expect(names.isSensitive("ssn", "Person", "String")).toBe(true);
    expect(names.isSensitive("taxId", "Customer", "String")).toBe(true);
    expect(names.isSensitive("taxId", "Invoice", "String")).toBe(false);
    expect(names.isSensitive("stripeWebhookSecret", "Team", "String")).toBe(true);
    expect(names.isSensitive("hash", "Credential", "String")).toBe(false);
    expect(names.isSensitive("salt", "Release", "String")).toBe(false);
    expect(names.isSensitive("salt", "User", "String")).toBe(true);
  });
});
