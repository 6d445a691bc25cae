import { Hono } from 'hono'
import type { AppEnv } from '../context.ts'

export const tiles = new Hono<AppEnv>()
