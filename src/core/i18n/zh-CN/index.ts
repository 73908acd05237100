/** The zh-CN message catalogue: every user-facing text of the core, app, hosts and CLI. */
import { values } from "./values";
import { records } from "./records";
import { import_ } from "./import";
import { reports } from "./reports";
import { statement } from "./statement";
import { host } from "./host";
import { cli } from "./cli";
import { entry } from "./entry";
import { functions } from "./functions";
import { journals } from "./journals";

export const catalogue: Readonly<Record<string, string>> = { ...values, ...records, ...import_, ...reports, ...statement, ...host, ...cli, ...entry, ...functions, ...journals };
