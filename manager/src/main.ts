import { mount } from 'svelte';
import App from './App.svelte';
import './manager.css';
import { useVietnameseZodMessages } from '@core/zod-vietnamese.ts';

useVietnameseZodMessages();

mount(App, { target: document.getElementById('app')! });
