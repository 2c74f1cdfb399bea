import { Module } from '@nestjs/common';
import { ConsoleConfigController } from './console-config.controller.js';

/** The 1212 console's needs from the hub (its pages themselves are static files: serve-console.ts). */
@Module({ controllers: [ConsoleConfigController] })
export class ConsoleModule {}
