#!/usr/bin/env node
import { runMain } from '@cooperbench-repro/contracts';
import { command } from './command.js';

runMain(command);
