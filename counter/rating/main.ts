import { mount } from 'svelte';
import Pad from './Pad.svelte';
import { useVietnameseZodMessages } from '@core/zod-vietnamese.ts';

useVietnameseZodMessages();

mount(Pad, { target: document.getElementById('app')! });
