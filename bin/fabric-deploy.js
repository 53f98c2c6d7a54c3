#!/usr/bin/env node
// The `fabric-deploy` command of the npm package: the same bundle the Action and the task run.
import '../dist/index.js';
