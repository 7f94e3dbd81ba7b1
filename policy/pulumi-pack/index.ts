/** The scrums policy pack: `pulumi preview --policy-pack <this directory> [--policy-pack-config <file.json>]`. */
import { PolicyPack } from "@pulumi/policy";
import { pulumiPolicies } from "../adapters/pulumi";

new PolicyPack("scrums", { policies: pulumiPolicies() });
