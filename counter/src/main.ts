import { mount } from 'svelte';
import App from './App.svelte';
import './panel.css';
import { useVietnameseZodMessages } from '@core/zod-vietnamese.ts';

useVietnameseZodMessages();

mount(App, { target: document.getElementById('app')! });
